from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "styring.demo"
    label = "demo"
    verbose_name = "Demo data"
