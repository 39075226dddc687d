"""The words of a digest email, and its one-click unsubscribe headers (RFC 8058)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candour.subscriptions.digest import Item
from candour.subscriptions.vocabulary import Frequency

# An email stays readable: the newest items beyond this are counted, not listed.
MAX_ITEMS = 25


def subject(frequency: str, count: int) -> str:
    if frequency == Frequency.WEEKLY:
        return ngettext(
            "Candour weekly digest: %(count)d new item you follow",
            "Candour weekly digest: %(count)d new items you follow",
            count,
        ) % {"count": count}
    return ngettext(
        "Candour: %(count)d new item you follow",
        "Candour: %(count)d new items you follow",
        count,
    ) % {"count": count}


def body(*, name: str, items: list[Item], base_url: str, token: str) -> str:
    base = base_url.rstrip("/")
    parts = [_("Hello %(name)s,") % {"name": name}, _("Here is what is new in what you follow.")]
    for item in items[:MAX_ITEMS]:
        lines = [item.heading, *[line for line in item.lines if line]]
        lines.append(_("Because you follow: %(what)s") % {"what": ", ".join(item.because)})
        lines.append(base + item.path)
        parts.append("\n".join(lines))
    if len(items) > MAX_ITEMS:
        parts.append(
            _("And %(count)d more: see them in Candour.") % {"count": len(items) - MAX_ITEMS}
        )
    parts.append(
        _("Choose what you follow, and how often you hear: %(url)s")
        % {"url": base + reverse("subscriptions:page")}
    )
    parts.append(_("Stop all these emails: %(url)s") % {"url": unsubscribe_page(base, token)})
    parts.append(
        _(
            "Digests carry only reviewed, de-identified reports and what you could read "
            "in Candour yourself."
        )
    )
    return "\n\n".join(parts) + "\n"


def unsubscribe_page(base: str, token: str) -> str:
    return base + reverse("subscriptions:unsubscribe", args=[token])


def headers(*, base_url: str, token: str) -> dict[str, str]:
    """List-Unsubscribe with a POST endpoint: mail providers unsubscribe with one click,
    and a scanner's GET only ever sees the landing page."""
    base = base_url.rstrip("/")
    one_click = base + reverse("subscriptions:one-click", args=[token])
    return {
        "List-Unsubscribe": f"<{one_click}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
