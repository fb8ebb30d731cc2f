"""Placeholder: the views are being written."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def indicator_guide(request, *args, **kwargs):
    raise Http404


def indicator_edit(request, *args, **kwargs):
    raise Http404


def period_list(request, *args, **kwargs):
    raise Http404


def period_edit(request, *args, **kwargs):
    raise Http404


def period_detail(request, *args, **kwargs):
    raise Http404


def completeness(request, *args, **kwargs):
    raise Http404


def review_queue(request, *args, **kwargs):
    raise Http404


def submission_form(request, *args, **kwargs):
    raise Http404


def submission_import(request, *args, **kwargs):
    raise Http404


def submission_workflow(request, *args, **kwargs):
    raise Http404
