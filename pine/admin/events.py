"""The one admin action every event admin offers: send again the emails that failed."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from pine.services.events import event_send_emails


@admin.action(description="Send the emails that failed again", permissions=["change"])
def send_emails_again(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet):
    sent = [event_send_emails(event=e) for e in queryset.filter(emails_pending=True)]
    messages.info(request, f"Sent the emails for {sum(sent)} of {len(sent)} events.")
