import { Module } from '@nestjs/common';
import { GraphQLContextFactory } from './graphql-context.js';

@Module({ providers: [GraphQLContextFactory], exports: [GraphQLContextFactory] })
export class AuthModule {}
