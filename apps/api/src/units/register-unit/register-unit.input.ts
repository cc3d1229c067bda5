import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('RegisterUnitInput')
export class RegisterUnitInput {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Where reminders for this unit go: e-mail addresses and/or webhook URLs.',
  })
  contacts?: string[] | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
