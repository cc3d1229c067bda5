import { Field, InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('RegisterProgramInput')
export class RegisterProgramInput extends PickType(CommandFields, ['id', 'idempotencyKey'] as const) {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  region?: string | null;
}
