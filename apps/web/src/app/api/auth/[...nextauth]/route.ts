import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '../../../../auth/options';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// The options are built per request: `next build` imports this module without an environment.
export function GET(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

export function POST(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}
