"""Password reset by email: Django's own views, with Goodwill's templates and sign-in style.

The link in the mail is signed (Django's token generator: the account, its password hash and its
last sign-in, with a timestamp); nothing about it is stored, it stops working once used or once
PASSWORD_RESET_TIMEOUT has passed, and an unknown address gets the same page as a known one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path

from goodwill.accounts.services import reset_request_allowed


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ResetRequestView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "web/password_reset/request.html"
    subject_template_name = "web/password_reset/email_subject.txt"
    email_template_name = "web/password_reset/email.txt"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # With no mail server nothing could arrive; say so instead of promising a mail.
        context["can_send"] = bool(settings.GOODWILL_SMTP_HOST)
        return context

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        allowed = reset_request_allowed(
            email=form.cleaned_data["email"], ip_address=self.request.META.get("REMOTE_ADDR", "")
        )
        if not allowed:
            # The same page as always, and no mail: asking again and again sends nothing more.
            return HttpResponseRedirect(self.get_success_url())
        # Links point at GOODWILL_BASE_URL, as the digest's do, not at whatever Host the
        # request named.
        self.extra_email_context = {"base_url": settings.GOODWILL_BASE_URL}
        return super().form_valid(form)


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "web/password_reset/sent.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["timeout_hours"] = settings.PASSWORD_RESET_TIMEOUT // 3600
        return context


urlpatterns: list[URLPattern] = [
    path("password/forgot/", ResetRequestView.as_view(), name="password_reset"),
    path("password/forgot/sent/", ResetSentView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm, template_name="web/password_reset/new_password.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="web/password_reset/done.html"),
        name="password_reset_complete",
    ),
]
