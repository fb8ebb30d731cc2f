"""`{% load markdown_tags %}{{ text|markdown }}`: what a user wrote in Markdown, as safe HTML
(core.markdown)."""

from django import template

from core.markdown import render_markdown

register = template.Library()
register.filter("markdown", render_markdown)
