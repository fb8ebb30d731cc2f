"""Placeholder: the views are being written."""

from django.http import Http404


def views(request, *args, **kwargs):
    raise Http404


def py(request, *args, **kwargs):
    raise Http404


def report_list(request, *args, **kwargs):
    raise Http404


def report_request(request, *args, **kwargs):
    raise Http404


def report_detail(request, *args, **kwargs):
    raise Http404


def report_print(request, *args, **kwargs):
    raise Http404


def report_download(request, *args, **kwargs):
    raise Http404


def report_publish(request, *args, **kwargs):
    raise Http404


def call_create(request, *args, **kwargs):
    raise Http404


def call_detail(request, *args, **kwargs):
    raise Http404


def call_link(request, *args, **kwargs):
    raise Http404
