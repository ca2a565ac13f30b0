from django import template

from styring.core.permissions import can as can_decide

register = template.Library()


@register.filter
def can(membership, permission: str) -> bool:
    """`{% if membership|can:"inventory.change" %}`: the same decision as views and the API."""
    return can_decide(membership, permission)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


_CHECK_WIDGETS = {"CheckboxInput"}
_MULTI_CHECK_WIDGETS = {"CheckboxSelectMultiple", "RadioSelect"}
_SELECT_WIDGETS = {"Select", "SelectMultiple", "NullBooleanSelect"}


@register.filter
def widget_kind(bound_field) -> str:
    name = type(bound_field.field.widget).__name__
    if name in _CHECK_WIDGETS:
        return "check"
    if name in _MULTI_CHECK_WIDGETS:
        return "multicheck"
    if name == "HiddenInput":
        return "hidden"
    return "select" if name in _SELECT_WIDGETS else "input"


@register.filter
def bootstrap_widget(bound_field, size: str = ""):
    """Render a form widget with Bootstrap classes and the ARIA links to its help text and errors.
    `size` "sm" gives the compact controls used in filter bars."""
    kind = widget_kind(bound_field)
    css = {"check": "form-check-input", "select": "form-select", "input": "form-control"}.get(kind, "")
    if size and kind in ("select", "input"):
        css += f" {css}-{size}"
    if bound_field.errors:
        css += " is-invalid"
    attrs = {"class": css.strip()} if css else {}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def labelled_changes(event):
    """(label, before, after) rows of an update event, for the History tab."""
    from styring.core.filtersets import field_label

    return [
        (field_label(event.object_type, name), values[0], values[1]) for name, values in sorted(event.changes.items())
    ]
