from django import template

from styring.inventory.due_diligence import summary

register = template.Library()


@register.filter
def due_diligence_summary(supplier):
    return summary(supplier)
