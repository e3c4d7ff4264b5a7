from __future__ import annotations

from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "goodwill.network"
    label = "network"
    verbose_name = "Network"
