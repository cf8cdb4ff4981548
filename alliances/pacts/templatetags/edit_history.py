from django import template

from ..edit_reasons import describe, reverted_to

register = template.Library()


@register.simple_tag
def change_reason(record):
    """An admin history row's reason; a revert names the version it went back to."""
    if not record.history_change_reason:
        return ""
    target_id, _text = reverted_to(record.history_change_reason)
    target = None
    if target_id is not None:
        target = type(record).objects.select_related("history_user").filter(history_id=target_id).first()
    return describe(record.history_change_reason, target)
