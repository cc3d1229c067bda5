import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Program', {
  description: 'An assistance programme (帮扶项目), e.g. 援藏 with its partner institutions.',
})
export class ProgramModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;
}

/**
 * The one Program mapping, from a read-model row or a folded stream: a programme nobody
 * registered shows as its id with no region.
 */
export function toProgramModel(
  id: string,
  program?: { readonly name: string; readonly region: string | null } | null,
): ProgramModel {
  return { id, name: program?.name ?? id, region: program?.region ?? null };
}
