import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Unit', { description: 'A secondary unit of the school (二级单位), e.g. 管理学院.' })
export class UnitModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String], {
    description: 'Where reminders for this unit go (e-mail addresses, webhook URLs).',
  })
  contacts!: string[];
}

/**
 * The one Unit mapping, from a read-model row or a folded stream: a unit nobody registered
 * (a task's unit that is not in the directory) shows as its id with no contacts.
 */
export function toUnitModel(
  id: string,
  unit?: { readonly name: string; readonly contacts: readonly string[] } | null,
): UnitModel {
  return { id, name: unit?.name ?? id, contacts: [...(unit?.contacts ?? [])] };
}
