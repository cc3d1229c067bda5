import { Field, InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('RegisterUnitInput')
export class RegisterUnitInput extends PickType(CommandFields, ['id', 'idempotencyKey'] as const) {
  @Field()
  name!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Where reminders for this unit go: e-mail addresses and/or webhook URLs.',
  })
  contacts?: string[] | null;
}
