"""Template tags for the one error pattern (GOV.UK Design System: error summary, inline
errors, and a page title that starts with "Error: " whenever the page shows an error)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.contrib.messages import constants as message_levels
from django.forms import BaseForm
from django.template.base import Parser, Token
from django.template.context import Context
from django.utils.translation import gettext as _

register = template.Library()


def page_has_errors(context: Context) -> bool:
    """True when any form on the page was refused, the view flagged an error, or the page
    carries an error message."""
    values = context.flatten()
    if values.get("has_errors"):
        return True
    if any(
        isinstance(value, BaseForm) and value.is_bound and value.errors for value in values.values()
    ):
        return True
    stored: Iterable[object] = values.get("messages") or ()  # type: ignore[assignment]
    return any(getattr(message, "level", None) == message_levels.ERROR for message in stored)


class PageTitleNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        title = self.nodelist.render(context)
        prefix = _("Error:")
        # Older pages wrote the prefix themselves; never say it twice.
        if page_has_errors(context) and not title.lstrip().startswith(prefix):
            return f"{prefix} {title.lstrip()}"
        return title


@register.tag("page_title")
def page_title(parser: Parser, token: Token) -> PageTitleNode:
    """{% page_title %}...{% endpage_title %}: the title, prefixed "Error: " on a refusal."""
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)
