"""``{% follow_button kind target %}``: follow or unfollow from the page of the thing itself.

A template tag, so theme and idea pages offer the button without their apps importing
subscriptions (the learning and ideas apps sit below it).
"""

from __future__ import annotations

from typing import Any

from django import template

from candour.subscriptions.models import Subscription

register = template.Library()


@register.inclusion_tag("subscriptions/follow_button.html", takes_context=True)
def follow_button(context: dict[str, Any], kind: str, target: object) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    following = Subscription.objects.of(user).filter(kind=kind, target=str(target)).exists()
    return {
        "kind": kind,
        "target": str(target),
        "following": following,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
