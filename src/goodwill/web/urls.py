"""The web app's pages; the names are relied on by templates, browser tests and the CLI."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path

from goodwill.web.account_urls import urlpatterns as account_urlpatterns
from goodwill.web.forms import SignInForm
from goodwill.web.rhythm_urls import urlpatterns as rhythm_urlpatterns
from goodwill.web.views import contact_actions, contacts, duplicates, exports, imports, loops, today
from goodwill.web.views import mail as mail_views
from goodwill.web.views.contact_photo import contact_photo
from goodwill.web.work_urls import urlpatterns as work_urlpatterns

urlpatterns: list[URLPattern] = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", today.today, name="today"),
    path("today.json", today.today_json, name="today_json"),
    path("contacts/", contacts.contact_list, name="contact_list"),
    path("contacts/new/", contacts.contact_create, name="contact_create"),
    path("contacts/<int:contact_id>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<int:contact_id>/photo/", contact_photo, name="contact_photo"),
    path(
        "contacts/<int:contact_id>/interactions/",
        contact_actions.contact_log_interaction,
        name="contact_log_interaction",
    ),
    path(
        "contacts/<int:contact_id>/loops/",
        contact_actions.contact_open_loop,
        name="contact_open_loop",
    ),
    path(
        "contacts/<int:contact_id>/gives/",
        contact_actions.contact_record_give,
        name="contact_record_give",
    ),
    path(
        "contacts/<int:contact_id>/circle/",
        contact_actions.contact_set_circle,
        name="contact_set_circle",
    ),
    path(
        "contacts/<int:contact_id>/handles/",
        contact_actions.contact_add_handle,
        name="contact_add_handle",
    ),
    path("loops/<int:loop_id>/acknowledge/", loops.loop_acknowledge, name="loop_acknowledge"),
    path("loops/<int:loop_id>/close/", loops.loop_close, name="loop_close"),
    path("import/", imports.import_page, name="import_page"),
    path("import/<uuid:batch>/", imports.import_batch, name="import_batch"),
    path("import/<uuid:batch>/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/<uuid:batch>/discard/", imports.import_discard, name="import_discard"),
    path("import/runs/<int:run_id>/", imports.import_run, name="import_run"),
    path("duplicates/", duplicates.duplicates_page, name="duplicates_page"),
    path("duplicates/find/", duplicates.duplicates_find, name="duplicates_find"),
    path(
        "duplicates/<int:suggestion_id>/merge/",
        duplicates.duplicate_merge,
        name="duplicate_merge",
    ),
    path(
        "duplicates/<int:suggestion_id>/not-same/",
        duplicates.duplicate_not_same,
        name="duplicate_not_same",
    ),
    path("export/contacts.vcf", exports.export_vcard, name="export_vcard"),
    path("export/contacts.csv", exports.export_csv, name="export_csv"),
    path("export/backup.json", exports.export_backup, name="export_backup"),
    path("mail/", mail_views.mail_overview, name="mail_overview"),
    path("mail/messages/<int:message_id>/", mail_views.mail_message, name="mail_message"),
    path(
        "mail/interactions/<int:interaction_id>/",
        mail_views.mail_interaction_thread,
        name="mail_interaction_thread",
    ),
    path("mail/loops/<int:loop_id>/", mail_views.mail_loop_message, name="mail_loop_message"),
    path(
        "mail/loops/<int:loop_id>/dismiss/", mail_views.mail_loop_dismiss, name="mail_loop_dismiss"
    ),
    path(
        "mail/radar/<int:item_id>/dismiss/",
        mail_views.mail_radar_dismiss,
        name="mail_radar_dismiss",
    ),
    path(
        "mail/suggestions/<int:correspondent_id>/accept/",
        mail_views.mail_suggestion_accept,
        name="mail_suggestion_accept",
    ),
    path(
        "mail/suggestions/<int:correspondent_id>/ignore/",
        mail_views.mail_suggestion_ignore,
        name="mail_suggestion_ignore",
    ),
]

urlpatterns += rhythm_urlpatterns
urlpatterns += work_urlpatterns
urlpatterns += account_urlpatterns
