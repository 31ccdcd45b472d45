"""`{% applications_of initiative %}`: where an initiative is used ("Nơi áp dụng"), for the
dossier page, without the initiatives app knowing the practices app."""

from django import template

from ..selectors import applications_of_initiative

register = template.Library()


@register.inclusion_tag("practices/_applications_of.html")
def applications_of(initiative):
    return {"applications": list(applications_of_initiative(initiative)[:50])}
