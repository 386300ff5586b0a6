"""Factories for the practice network's posts beyond the test itself: the author's updates and
finding, others' replies and tries, and follows. Each is published unless told otherwise."""

import factory
from django.utils import timezone

from movement.models import Finding, Follow, Post, PracticeUpdate, Reply, Result, Trial
from tests.movement.factories import MemberFactory, PracticeTestFactory


class _Published(factory.django.DjangoModelFactory):
    state = Post.State.APPROVED
    published_at = factory.LazyFunction(timezone.now)


class UpdateFactory(_Published):
    class Meta:
        model = PracticeUpdate

    practice_test = factory.SubFactory(PracticeTestFactory)
    author = factory.LazyAttribute(lambda o: o.practice_test.author)
    body = "Three visits in: two children named a worry of their own."


class FindingFactory(_Published):
    class Meta:
        model = Finding

    practice_test = factory.SubFactory(PracticeTestFactory)
    author = factory.LazyAttribute(lambda o: o.practice_test.author)
    result = Result.HELPED
    reflection = "Children said more when asked first."


class ReplyFactory(_Published):
    class Meta:
        model = Reply

    practice_test = factory.SubFactory(PracticeTestFactory)
    author = factory.LazyFunction(lambda: MemberFactory().user)
    body = "We tried something similar in our team."


class TrialFactory(_Published):
    """Someone trying the idea; give `result` and `reflection` for what they found."""

    class Meta:
        model = Trial

    practice_test = factory.SubFactory(PracticeTestFactory)
    author = factory.LazyFunction(lambda: MemberFactory().user)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    practice_test = factory.SubFactory(PracticeTestFactory)
    user = factory.LazyFunction(lambda: MemberFactory().user)
