import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('RegisterProgramInput')
export class RegisterProgramInput {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
