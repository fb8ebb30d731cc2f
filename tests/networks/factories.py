"""Networks, their members and coordinators, as small rows for tests."""

import datetime

import factory

from core.models import NationalSociety
from networks.models import Network, NetworkCoordinator, NetworkMember
from tests.factories import UserFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    slug = factory.Sequence(lambda n: f"network-{n}")
    name = factory.Sequence(lambda n: f"Network {n}")
    description = "National Societies sharing what works along the trail."
    kind = Network.Kind.REGIONAL
    regions = factory.LazyFunction(lambda: ["europe"])


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMember

    network = factory.SubFactory(NetworkFactory)
    society = factory.Iterator(NationalSociety.objects.national_societies().order_by("pk"))
    joined_on = factory.LazyFunction(datetime.date.today)


class NetworkCoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkCoordinator

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)
