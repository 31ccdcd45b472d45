"""Who may ask for and download a register's background export: the job's target is the person
who asked (see sangtao.registers.exports), and nobody else holds the permission on them."""

import rules


@rules.predicate
def is_the_person(user, person) -> bool:
    return person is not None and user.pk is not None and person.pk == user.pk


rules.add_perm("registers.export_list", rules.is_authenticated & is_the_person)
