import { z } from "zod";

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters for the password")
  .max(200, "Use at most 200 characters for the password");

export const signUpInput = z.object({
  organizationName: z.string().trim().min(2, "Organisation name needs at least 2 characters").max(120),
  name: z.string().trim().min(1, "Your name is required").max(120),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const inviteInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
});

export const acceptInviteInput = z.object({
  token: z.string().min(20),
  name: z.string().trim().min(1, "Your name is required").max(120),
  password: passwordSchema,
});
