"""Settings → API tokens: make a token (its secret shown once), see them all, revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from goodwill.api import tokens
from goodwill.api.models import ApiToken
from goodwill.web.forms import add_service_errors
from goodwill.web.views.common import AuthedRequest

INVALID = 422


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What will use it, e.g. “backup script”.", label="Name"
    )
    scope = forms.ChoiceField(
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        label="Scope",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def _page(
    request: AuthedRequest,
    form: ApiTokenForm,
    *,
    secret: str = "",
    new_token: ApiToken | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "tokens": tokens.tokens_for_owner(owner=request.user),
        "secret": secret,
        "new_token": new_token,
    }
    return render(request, "web/account/api_tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, ApiTokenForm())
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = tokens.token_create(
                owner=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # The secret is in this answer and nowhere else: only its hash is kept.
            return _page(request, ApiTokenForm(), secret=secret, new_token=token)
    return _page(request, form, status=INVALID)


@login_required
@require_POST
def api_token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = tokens.tokens_for_owner(owner=request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    tokens.token_revoke(token=token)
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("api_tokens")
