"""Reasons to write to a contact now, from apps that know things the network does not.

Today asks for reasons only for the few contacts it is about to show. An app that knows
something worth mentioning (a contact's newest article, once feeds are followed) registers a
provider in its AppConfig.ready(); the provider gets the owner and contact ids and yields
(contact id, one sentence) pairs, in a query or two for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime

from django.contrib.auth.models import User

ReasonProvider = Callable[[User, Sequence[int], datetime], Iterable[tuple[int, str]]]

_providers: list[ReasonProvider] = []


def register_reach_out_reasons(provider: ReasonProvider) -> None:
    """Add a provider of reasons; registering the same one twice keeps one."""
    if provider not in _providers:
        _providers.append(provider)


def unregister_reach_out_reasons(provider: ReasonProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def reasons_to_reach_out(
    *, owner: User, contact_ids: Sequence[int], now: datetime
) -> Iterator[tuple[int, str]]:
    """Every registered provider's reasons for these contacts, only for these contacts."""
    wanted = set(contact_ids)
    for provider in list(_providers):
        for contact_id, reason in provider(owner, contact_ids, now):
            if contact_id in wanted and reason:
                yield contact_id, reason
