import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('UpdateUnitInput', {
  description: "Changes a unit's name and/or contacts; omitted fields stay as they are.",
})
export class UpdateUnitInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  contacts?: string[] | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
