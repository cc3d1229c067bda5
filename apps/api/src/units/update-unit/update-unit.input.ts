import { Field, InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('UpdateUnitInput', {
  description: "Changes a unit's name and/or contacts; omitted fields stay as they are.",
})
export class UpdateUnitInput extends PickType(CommandFields, ['id', 'idempotencyKey'] as const) {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  contacts?: string[] | null;
}
