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
