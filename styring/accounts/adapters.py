from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """People join through invitations; open sign-up is off unless the operator turns it on."""

    def is_open_for_signup(self, request):
        return settings.STYRING_OPEN_SIGNUP
