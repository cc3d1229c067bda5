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
