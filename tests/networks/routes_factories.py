import factory

from core.audience import Visibility
from networks.models import ContactsVisibility, OfferStatus, Route, RouteStop, SupportOffer


class RouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Route
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"route-{n}")
    name = factory.Sequence(lambda n: f"Route {n}")
    description = "A route people take."

    @factory.post_generation
    def networks(route, create, extracted, **kwargs):
        if create and extracted:
            route.networks.set(extracted)


class RouteStopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RouteStop

    route = factory.SubFactory(RouteFactory)
    position = factory.Sequence(lambda n: n + 1)
    country_id = "ITA"
    steps = factory.LazyFunction(lambda: ["arrival"])


class SupportOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportOffer

    name = factory.Sequence(lambda n: f"Help desk {n}")
    description = "Information and first aid."
    country_id = factory.LazyAttribute(lambda offer: offer.society.country_id)
    steps = factory.LazyFunction(lambda: ["arrival"])
    support_types = factory.LazyFunction(lambda: ["assistance"])
    languages = factory.LazyFunction(lambda: ["en", "ar"])
    phone = "+39 06 5510"
    email = "desk@example.org"
    status = OfferStatus.ACTIVE
    visibility = Visibility.PUBLIC
    contacts_visibility = ContactsVisibility.PUBLIC
