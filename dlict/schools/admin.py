from django.contrib import admin
from django.db import models

from dlict.schools.models import District, NetworkGroup, Office, Province, School, SubDistrict


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "province", "level", "document_digits")
    list_filter = ("level", "document_digits")
    search_fields = ("code", "name_th", "name_en")
    # Government websites are served over HTTPS: a website typed without a scheme gets it.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("ministry_code", "name_th", "office", "district", "dltv")
    list_filter = ("dltv", "size", "kind")
    search_fields = ("ministry_code", "smis_code", "obec_code", "name_th", "name_en")
    autocomplete_fields = ("office", "province", "district", "sub_district", "network_group")
    list_select_related = ("office", "district")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(NetworkGroup)
class NetworkGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "office")
    search_fields = ("name",)


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "region")
    search_fields = ("code", "name_th", "name_en")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "province")
    search_fields = ("code", "name_th", "name_en")


@admin.register(SubDistrict)
class SubDistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "district", "postcode")
    search_fields = ("code", "name_th", "name_en", "postcode")
