"""The upload form for workforce and demand files."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.workforce.models import ImportKind

# Large enough for years of staff records of a big council; a bigger file is probably wrong.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportForm(GovukForm):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the file holds")},
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A CSV file of up to 5 MB, with column headings on the first line. Nothing is "
            "imported unless every row is right."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": _("Choose a CSV file to import"),
            "empty": _("The file is empty"),
        },
    )

    def _style_widgets(self, *, errors: set[str]) -> None:
        super()._style_widgets(errors=errors)
        css = "govuk-file-upload" + (" govuk-file-upload--error" if "file" in errors else "")
        self.fields["file"].widget.attrs["class"] = css

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 5 MB"))
        return upload
