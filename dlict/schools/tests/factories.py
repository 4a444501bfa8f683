import factory

from dlict.core.thai import thai_sort_key
from dlict.schools.models import District, NetworkGroup, Office, Province, School, SubDistrict


def _province() -> Province:
    return Province.objects.get(code="50")  # Chiang Mai, loaded by the migration


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    code = factory.Sequence(lambda n: f"{90000000 + n}")
    name_th = factory.Sequence(lambda n: f"สพป.ทดสอบ เขต {n}")
    name_en = factory.Sequence(lambda n: f"Test PESAO Area {n}")
    province = factory.LazyFunction(_province)
    level = Office.Level.PRIMARY


class NetworkGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkGroup

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"กลุ่มเครือข่ายที่ {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    office = factory.SubFactory(OfficeFactory)
    ministry_code = factory.Sequence(lambda n: f"{1050000000 + n}")
    smis_code = factory.Sequence(lambda n: f"{50000000 + n}")
    obec_code = factory.Sequence(lambda n: f"{500000 + n}")
    name_th = factory.Sequence(lambda n: f"บ้านทดสอบ{n}")
    name_sort = factory.LazyAttribute(lambda school: thai_sort_key(school.name_th))
    province = factory.LazyFunction(_province)
    district = factory.LazyFunction(lambda: District.objects.get(code="5007"))
    sub_district = factory.LazyFunction(
        lambda: SubDistrict.objects.filter(district__code="5007").order_by("code").first()
    )
    postcode = factory.LazyAttribute(lambda school: school.sub_district.postcode)
