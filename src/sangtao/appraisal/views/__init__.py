"""Pages of appraisal councils, by what a person does: councils (set up, edit, seal, reopen),
members (seats, assignments, conflicts), sheets (a member's sheets, the paper import), results
(an initiative's result and decision, the ranking, nominations, papers and the workbook).

Who may open what is said once per view, by `common.council_permission` or `common.own_sheet`.
"""
