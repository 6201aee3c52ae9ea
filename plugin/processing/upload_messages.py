"""What kartaview:uploadphotos tells the user: each photo's reason in the report, the journal's
troubles, the news of each sequence."""

from qgis.PyQt.QtCore import QCoreApplication

from ..upload import journal_errors, plan_types, uploader


class UploadMessages:
    def tr(self, message):
        return QCoreApplication.translate("UploadMessages", message)

    def journal(self, error):
        """What went wrong with the journal file and what to do, naming the file."""
        texts = {
            journal_errors.EMPTY: self.tr(
                "The upload journal {path} is empty (0 bytes): its record of the photos already uploaded is lost. "
                "Nothing was uploaded, so that no photo is uploaded twice. Restore the file from a backup if you "
                "have one. Otherwise move it aside and run again: a new journal is started, and photos uploaded "
                "before may be stored on KartaView a second time."),
            journal_errors.DAMAGED: self.tr(
                "The upload journal {path} is damaged ({detail}). Nothing was uploaded, so that no photo is uploaded "
                "twice. Restore the file from a backup if you have one. Otherwise move it aside and run again: a "
                "new journal is started, and photos uploaded before may be stored on KartaView a second time."),
            journal_errors.UNWRITABLE: self.tr(
                "The upload journal {path} cannot be written ({detail}). Make the file and its folder writable, "
                "or set the environment variable KARTAVIEW_UPLOAD_JOURNAL to a file in a writable folder, then run "
                "again."),
            journal_errors.FULL: self.tr(
                "The disk of the upload journal {path} is full ({detail}). Free some space, then run the algorithm "
                "again on the same photos: it continues where this run stopped."),
            journal_errors.LOCKED: self.tr(
                "The upload journal {path} is locked by another program ({detail}). Close it, then run again."),
            journal_errors.NEWER: self.tr(
                "The upload journal {path} was written by a newer version of the plugin. Update the plugin."),
        }
        text = texts.get(error.kind, self.tr("The upload journal {path} could not be used ({detail})."))
        return text.format(path=error.path, detail=error.detail)

    def sequence_event(self, event, web_url):
        """(text, is_warning) for the uploader's news of a sequence; web_url(sequence_id) its page."""
        if event.kind == uploader.EVENT_WAITING:
            return self.tr("{} photo(s) of sequence {} are being uploaded by another run started at {} "
                           "(process {} on {}); waiting for it, so that no photo is uploaded twice.").format(
                event.photos, event.number, event.run.started, event.run.pid, event.run.host), False
        if event.kind == uploader.EVENT_LEFT_OPEN:
            return self.tr("Sequence {} ({}) is not finished: {}. Run the algorithm again on the same "
                           "photos to complete it.").format(event.number, event.sequence_id, event.detail), True
        texts = {
            uploader.EVENT_CREATED: self.tr("Created sequence {} on KartaView: {}"),
            uploader.EVENT_RECREATED: self.tr("Created sequence {} on KartaView: {} (an earlier run was "
                                              "interrupted while creating it and may have left an empty "
                                              "sequence)"),
            uploader.EVENT_FINISHED: self.tr("Finished sequence {}: {}"),
        }
        return texts[event.kind].format(event.number, web_url(event.sequence_id)), False

    def reason(self, code, detail, time_field=None):
        texts = {
            plan_types.REASON_NO_PATH: self.tr("No photo file is given."),
            plan_types.REASON_MISSING_FILE: self.tr("The photo file does not exist or cannot be read ({})."),
            plan_types.REASON_NOT_JPEG: self.tr("Not a JPEG file ({})."),
            plan_types.REASON_CORRUPT_JPEG: self.tr("Corrupt JPEG file: {}."),
            plan_types.REASON_TOO_LARGE: self.tr("The file is larger than KartaView's limit of 20 MB ({})."),
            plan_types.REASON_NO_POSITION: self.tr("No position: the geometry is empty or at 0,0."),
            plan_types.REASON_NO_TIME: self.tr("No capture time in the field '{}'."),
            plan_types.REASON_SAME_FILE: self.tr("The same file is selected twice (also feature {})."),
            plan_types.REASON_SAME_PHOTO: self.tr("A copy of the photo of feature {} (the same file contents)."),
            plan_types.REASON_NEAR_DUPLICATE: self.tr(
                "Near-duplicate of feature {} (within 0.5 m and 5°); keep near-duplicates to upload it."),
            uploader.REASON_JOURNAL: self.tr("Uploaded by an earlier run."),
            uploader.REASON_OTHER_RUN: self.tr("Uploaded by another run at the same time."),
            uploader.REASON_JOURNAL_ERROR: self.tr("Not sent: the upload journal could not be written ({}). Run the "
                                                   "algorithm again once that is fixed."),
            uploader.REASON_NOT_JOURNALED: self.tr("On KartaView, but the upload journal could not record it ({}); "
                                                   "a later run sends it again and KartaView answers it is a "
                                                   "duplicate."),
            uploader.REASON_DUPLICATE: self.tr("KartaView already had this photo."),
            uploader.REASON_AUTH: self.tr("KartaView did not accept the access token: sign in again."),
            uploader.REASON_REJECTED: self.tr("KartaView rejected the photo: {}"),
            uploader.REASON_SEND_FAILED: self.tr("Not confirmed after several attempts ({}). Run the algorithm "
                                                 "again to retry."),
            uploader.REASON_FILE: self.tr("The file could not be read ({}). Run the algorithm again once it is "
                                          "back."),
            uploader.REASON_CREATE_FAILED: self.tr("Its sequence could not be created ({}). Run the algorithm "
                                                   "again to retry."),
            uploader.REASON_CANCELLED: self.tr("Cancelled before KartaView confirmed it. Run the algorithm "
                                               "again to continue."),
        }
        if code == plan_types.REASON_NO_TIME and time_field:
            detail = time_field
        if not code:
            return ""
        return texts.get(code, "{}").format(detail)
