"""Practice pages. (Being written: catalogue, detail, form, workflow, review queue.)"""

from django.http import Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


catalogue = practice_create = my_practices = review_queue = practice_detail = _not_yet
practice_edit = practice_history = practice_workflow = _not_yet
attachment_download = attachment_remove = _not_yet
