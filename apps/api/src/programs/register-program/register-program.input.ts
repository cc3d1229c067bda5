import { Field, InputType, PickType } from '@nestjs/graphql';
import { DirectoryEntryFields } from '../../shared/directory-entry.input.js';

@InputType('RegisterProgramInput')
export class RegisterProgramInput extends PickType(DirectoryEntryFields, ['id', 'idempotencyKey'] as const) {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  region?: string | null;
}
