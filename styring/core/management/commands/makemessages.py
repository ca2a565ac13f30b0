"""`makemessages` that never guesses: a new or changed string stays untranslated instead of borrowing the
translation of a similar one (a fuzzy guess is easy to miss and then ships the wrong meaning)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
