"""Forms of the sharing and feed pages. They check shapes; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from goodwill.feeds.models import Feed
from goodwill.network.models import Interaction
from goodwill.web.forms import Form


class PasteForm(Form):
    """An article to rank: a link, or text pasted in (with an optional link to share it by)."""

    url = forms.CharField(
        label="Link",
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://…"}),
    )
    text = forms.CharField(
        label="Or paste the text",
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Title on the first line"}),
        help_text="The first line is read as the title.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("url", "").strip() and not data.get("text", "").strip():
            raise forms.ValidationError("Give a link or paste the article's text.")
        return data


class ShareForm(Form):
    """One share: the item, its title, and the user's note."""

    url = forms.CharField(max_length=1000, widget=forms.HiddenInput)
    title = forms.CharField(max_length=300, required=False, widget=forms.HiddenInput)
    article = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label="Your note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReplyForm(Form):
    """A reply to, or a comment on, a contact's article, logged as an interaction."""

    kind = forms.ChoiceField(
        label="How",
        choices=[
            (Interaction.Kind.MESSAGE, "Message"),
            (Interaction.Kind.EMAIL, "Email"),
            (Interaction.Kind.SOCIAL, "Comment"),
        ],
    )
    summary = forms.CharField(
        label="What you said",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Congratulated her on the launch"}),
    )
    return_to = forms.CharField(required=False, widget=forms.HiddenInput)


class FeedAddForm(Form):
    url = forms.CharField(
        label="Feed or website",
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/feed.xml"}),
        help_text="A website is fine: Goodwill finds the feed it announces.",
    )
    role = forms.ChoiceField(
        label="Whose",
        choices=[(Feed.Role.READING, "One you read"), (Feed.Role.OWN, "Your own blog")],
        initial=Feed.Role.READING,
    )


class ContactFeedForm(Form):
    url = forms.CharField(
        label="Their blog or feed",
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://their-site.example"}),
    )


class OpmlUploadForm(Form):
    file = forms.FileField(label="OPML file")


class SharingProfileForm(Form):
    interests = forms.CharField(
        label="Interests",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "solar, schools, timber"}),
        help_text="Topics they care about, separated by commas.",
    )
    no_articles = forms.BooleanField(label="No articles, please", required=False)
