"""Keep stored search vectors current. Raw saves from ``loaddata`` are skipped: the seed
command rebuilds every vector once the fixture is in."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import search
from .models import Actor, Initiative, Involvement, Lesson


@receiver(post_save, sender=Initiative, dispatch_uid="search_initiative_saved")
def initiative_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        search.update_vectors([instance.pk], using=using)


@receiver(post_save, sender=Lesson, dispatch_uid="search_lesson_saved")
@receiver(post_delete, sender=Lesson, dispatch_uid="search_lesson_deleted")
@receiver(post_save, sender=Involvement, dispatch_uid="search_involvement_saved")
@receiver(post_delete, sender=Involvement, dispatch_uid="search_involvement_deleted")
def part_of_case_changed(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        search.update_vectors([instance.initiative_id], using=using)


@receiver(post_save, sender=Actor, dispatch_uid="search_actor_saved")
def actor_saved(sender, instance, raw=False, using="default", created=False, **kwargs):
    if not raw and not created:
        search.update_vectors(actor_id=instance.pk, using=using)
