"""Which objects have an audit trail page, who may read it, and what each action is called.

An object's trail is readable by whoever may view the object itself: the registry names, for
each model, its view permission (a `rules` permission checked against the object), the page
that shows the object and, where a trail holds what not everyone who sees the object may read
(an initiative's score sheets, conflicts of interest, a blind council's authors), the selector
that gives each viewer only the events the pages would show them.

`ACTIONS` names every action the platform records as a Vietnamese sentence: no page shows an
action's code (tests/core/test_audit_actions.py finds every `audit_record` call in src and
checks that its action has a sentence here).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "author.claim": _("Asked to be linked to an author row of the dossier."),
    "author.claim_accept": _("Linked a person to an author row of the dossier, at their request."),
    "author.claim_refuse": _("Refused a request to be linked to an author row of the dossier."),
    "application.create": _("Recorded where an initiative is applied."),
    "application.delete": _("Deleted a record of where an initiative is applied."),
    "application.update": _("Changed a record of where an initiative is applied."),
    "consultation.comment": _("Commented on a section of the draft."),
    "consultation.create": _("Published a draft for comments."),
    "consultation.delete": _("Deleted a consultation."),
    "consultation.publish": _("Showed every comment and its response to the audience."),
    "consultation.respond": _("Responded to a comment on the draft."),
    "consultation.section_add": _("Added a section to the draft."),
    "consultation.section_delete": _("Deleted a section of the draft."),
    "consultation.section_move": _("Moved a section of the draft."),
    "consultation.section_update": _("Changed a section of the draft."),
    "consultation.unpublish": _("Hid the comments of others from the audience again."),
    "consultation.update": _("Changed a consultation."),
    "budget_line.create": _("Recorded a budget line."),
    "budget_line.delete": _("Deleted a budget line."),
    "budget_line.update": _("Changed a budget line."),
    "contribution.create": _("Recorded a contribution to the fund."),
    "contribution.delete": _("Deleted a contribution to the fund."),
    "contribution.update": _("Changed a contribution to the fund."),
    "council.absorb": _("Took over the dossiers of a closed unit's council."),
    "council.hand_over": _("Handed the council over to the successor unit."),
    "event.create": _("Recorded an event."),
    "event.delete": _("Deleted an event."),
    "event.file_add": _("Attached a file to the event."),
    "event.file_remove": _("Removed a file of the event."),
    "event.update": _("Changed an event."),
    "feedback.close": _("Closed the feedback thread."),
    "feedback.message": _("Wrote in the feedback thread."),
    "feedback.open": _("Sent feedback to the Front committee above."),
    "inspection.answer": _("The inspected unit answered the inspection."),
    "inspection.create": _("Recorded an inspection."),
    "inspection.delete": _("Deleted an inspection."),
    "inspection.update": _("Changed an inspection."),
    "practice.create": _("Recorded a practice."),
    "practice.delete": _("Deleted a practice."),
    "practice.file_add": _("Attached a file to the practice."),
    "practice.file_remove": _("Removed a file of the practice."),
    "practice.replicated": _("The practice was replicated by another unit."),
    "practice.update": _("Changed a practice."),
    "replication.create": _("Recorded a replication of a practice."),
    "replication.delete": _("Deleted a replication of a practice."),
    "replication.update": _("Changed a replication of a practice."),
    "response_plan.create": _("Recorded a response plan."),
    "response_plan.delete": _("Deleted a response plan."),
    "response_plan.update": _("Changed a response plan."),
    "role.revoke": _("Took a role back."),
    "unit.hand_over": _("Handed the unit's open work over to its successor."),
    "unit.hand_over_reform": _("Handed over the open work of a whole reform."),
    "unit.import_list": _("Imported a list of units."),
    "unit.rename": _("Renamed the unit."),
    "user.deactivate": _("Deactivated the account."),
    "user.invite": _("Invited a person by e-mail."),
    "api_token.create": _("Created a personal API token."),
    "api_token.revoke": _("Revoked a personal API token."),
    "assignment.auto": _("Handed out score sheets automatically."),
    "assignment.create": _("Asked a council member to appraise the initiative."),
    "assignment.remove": _("Withdrew a score sheet from a council member."),
    "attachment.add": _("Attached a file."),
    "attachment.remove": _("Removed an attached file."),
    "campaign.activate": _("Activated a linked campaign."),
    "campaign.link": _("Linked a campaign to the movement."),
    "campaign.deactivate": _("Deactivated a linked campaign."),
    "certificates.issue": _("Issued certificates."),
    "certificates.revoke": _("Revoked a certificate."),
    "certificates.settings_update": _("Changed the certificate settings."),
    "challenge.answer": _("Answered a challenge with an initiative."),
    "challenge.close": _("Closed the challenge."),
    "challenge.create": _("Posted a challenge."),
    "challenge.update": _("Edited the challenge."),
    "challenge.reopen": _("Reopened the challenge."),
    "conflict.declare": _("Declared a conflict of interest."),
    "council.create": _("Set the council up."),
    "council.decision_file": _("Attached the decision establishing the council."),
    "council.meeting": _("Recorded the council's meeting."),
    "council.member_add": _("Added a person to the council."),
    "council.member_remove": _("Removed a person from the council."),
    "council.nominate": _("Proposed initiatives to the next level."),
    "council.reopen": _("Reopened the council's results."),
    "council.seal": _("Sealed the council's results."),
    "appraisal.recognition_record": _("Recorded the recognition decision."),
    "council.update": _("Changed the council's settings."),
    "criterion.add": _("Added a criterion."),
    "criterion.delete": _("Deleted a criterion."),
    "criterion.move": _("Changed the order of the criteria."),
    "criterion.update": _("Edited a criterion."),
    "decision.record": _("Recorded the council's decision."),
    "discussion.post": _("Posted in the council's discussion."),
    "field.add": _("Added a field."),
    "field.delete": _("Deleted a field."),
    "field.move": _("Changed the order of the fields."),
    "field.update": _("Edited a field."),
    "grading_scale.set": _("Set the grading scale."),
    "honours.candidate_add": _("Added an honours candidate by hand."),
    "honours.candidate_remove": _("Removed an honours candidate added by hand."),
    "honours.confirm": _("Confirmed honours candidates."),
    "honours.decide": _("Decided the honours."),
    "honours.payment": _("Recorded a prize payment."),
    "honours.propose_up": _("Proposed honours to the next level."),
    "honours.take_proposals": _("Took in the honours proposed by the lower levels."),
    "honours.round_open": _("Opened an honours round."),
    "initiative.create": _("Created the draft."),
    "initiative.update": _("Edited the dossier."),
    "initiative.submit": _("Submitted the dossier."),
    "initiative.return": _("Returned the dossier for revision."),
    "initiative.forward": _("Forwarded the dossier to the appraisal council."),
    "initiative.withdraw": _("Withdrew the dossier."),
    "initiative.recognise": _("The council recognised the initiative."),
    "initiative.reject": _("The council did not recognise the initiative."),
    "initiative.council_return": _("The council returned the dossier for more information."),
    "initiative.nominate": _("Proposed to the next level's council."),
    "initiative.link": _("The council linked it to another initiative."),
    "initiative.not_duplicate": _("A council member found it is not the same as another."),
    "job.enqueue": _("Asked for a file to be prepared."),
    "job.fail": _("Preparing the file failed."),
    "job.finish": _("The file is ready."),
    "job.start": _("Started preparing the file."),
    "milestone.add": _("Added a milestone."),
    "milestone.delete": _("Deleted a milestone."),
    "milestone.done": _("Marked a milestone done."),
    "milestone.update": _("Edited a milestone."),
    "milestone.move": _("Changed the order of the milestones."),
    "milestone.reopen": _("Marked a milestone not done."),
    "movement.create": _("Created the movement."),
    "movement.update": _("Edited the movement."),
    "report.accept": _("Accepted the report."),
    "report.attach": _("Attached a file to the report."),
    "report.refresh": _("Refreshed the report's figures from the data."),
    "report.return": _("Returned the report for revision."),
    "report.submit": _("Submitted the report."),
    "report.update": _("Edited the report."),
    "report_period.close": _("Closed the report period."),
    "report_period.open": _("Opened a report period."),
    "role.grant": _("Granted a role."),
    "round.add": _("Added a round."),
    "round.update": _("Edited a round."),
    "sheet.import": _("Entered a score sheet from paper."),
    "sheet.save": _("Saved a draft of a score sheet."),
    "sheet.submit": _("Submitted a score sheet."),
    "sign_in.unlock": _("Unlocked signing in."),
    "synthetic.generate": _("Generated synthetic data."),
    "two_factor.backup_code_used": _("Signed in with a backup code."),
    "two_factor.backup_codes": _("Created new backup codes."),
    "two_factor.enable": _("Turned on two-factor sign-in."),
    "two_factor.prepare": _("Began setting up two-factor sign-in."),
    "unit.bulk_create": _("Created units in bulk."),
    "unit.close": _("Closed the unit."),
    "unit.contact": _("Set the unit's public contact."),
    "unit.create": _("Created the unit."),
    "unit.import": _("Imported units."),
    "unit.move": _("Moved the unit in the tree."),
    "unit.papers_update": _("Changed how the committee's papers name and number it."),
    "unit.position_add": _("Recorded a position in the committee's board."),
    "user.confirm_email": _("Confirmed the e-mail address."),
    "user.create": _("Created the account."),
    "user.email_preference": _("Chose how notifications come by e-mail."),
    "user.register": _("Registered an account."),
    "yearbook.create": _("Started the yearbook."),
    "yearbook.pick": _("Chose initiatives for the yearbook."),
    "yearbook.update": _("Edited the yearbook."),
}


def action_sentence(action: str) -> str:
    """The Vietnamese sentence of an action code (an unknown code: a neutral sentence)."""
    return str(ACTIONS.get(action, _("A recorded step.")))


@dataclass(frozen=True)
class Audited:
    permission: str
    detail_url: Callable[[object], str]
    # Dotted path to `selector(*, target, viewer) -> list of events` with `sentence`, `actor`
    # (None when hidden), `reason` and `details` set; without it every event is shown whole.
    events: str = ""

    def events_for(self, target, viewer):
        return import_string(self.events)(target=target, viewer=viewer) if self.events else None


AUDITED: dict[str, Audited] = {
    "initiatives.initiative": Audited(
        permission="initiatives.view_initiative",
        detail_url=lambda initiative: reverse("initiatives:detail", args=[initiative.public_id]),
        events="sangtao.initiatives.selectors.initiative_trail",
    ),
    "appraisal.council": Audited(
        permission="appraisal.view_council",
        detail_url=lambda council: reverse("appraisal:council", args=[council.pk]),
    ),
    "movements.movement": Audited(
        permission="movements.view_movement",
        detail_url=lambda movement: reverse("movements:detail", args=[movement.pk]),
    ),
}


def audited(model_label: str) -> Audited | None:
    """The registry entry of `app_label.model_name`, or None if its trail has no page."""
    return AUDITED.get(model_label.lower())
