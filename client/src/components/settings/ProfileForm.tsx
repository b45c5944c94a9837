"use client";
import PhotoCameraOutlined from "@mui/icons-material/PhotoCameraOutlined";
import Avatar from "@mui/material/Avatar";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, useEffect, useState } from "react";
import { updateProfile } from "@/lib/api";
import type { User } from "@/lib/api-types";
import { LIMITS, PHOTO_TYPES, type ProfileValues, validatePhoto, validateProfile } from "@/lib/validation";
import { useToast } from "../app/useToast";
import { FormErrors } from "../common/FormErrors";
import { UserAvatar } from "../common/UserAvatar";
import { focusField, useFormErrors } from "../common/useFormErrors";

const FIELDS = ["name", "jobTitle", "phone", "photo"] as const;
type Field = (typeof FIELDS)[number];

/** Name, job title, phone and photo (previewed before upload). */
export function ProfileForm({ user, request = updateProfile }: { user: User; request?: typeof updateProfile }) {
  const router = useRouter();
  const toast = useToast();
  const [values, setValues] = useState<ProfileValues>({
    name: user.name,
    jobTitle: user.jobTitle ?? "",
    phone: user.phone ?? "",
  });
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [photoError, setPhotoError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const form = useFormErrors<Field>(FIELDS, () => ({
    ...validateProfile(values),
    ...(photoError ? { photo: photoError } : {}),
  }));

  // The preview is a blob: URL; free it when replaced or when leaving the page.
  useEffect(() => {
    if (!photo) return setPreview(null);
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const field = (name: keyof ProfileValues) => form.bind("profile", name, values, setValues);

  const choosePhoto = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0] ?? null;
    event.target.value = ""; // choosing the same file again still fires a change
    form.edited("photo");
    if (!file) return;
    const problem = validatePhoto(file);
    setPhotoError(problem);
    form.touch("photo");
    setPhoto(problem ? null : file);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = form.validateAll();
    if (invalid) return invalid !== "photo" ? focusField(`profile-${invalid}`) : focusField("profile-photo");
    setSending(true);
    try {
      await request({ name: values.name.trim(), jobTitle: values.jobTitle.trim(), phone: values.phone.trim(), photo });
      setPhoto(null);
      toast("Your profile is saved.", "success");
      router.refresh();
    } catch (err) {
      const first = form.fromServer(err);
      if (first) focusField(`profile-${first}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 1 }} aria-label="Profile">
      <FormErrors errors={form.formErrors} />
      <Box sx={{ display: "flex", alignItems: "center", gap: 2, flexWrap: "wrap", mb: 2 }}>
        {preview ? (
          <Avatar
            src={preview}
            alt="Preview of your new photo"
            sx={{ width: 80, height: 80 }}
            data-testid="photo-preview"
          />
        ) : (
          <UserAvatar user={user} size={80} />
        )}
        <Box>
          {/* A plain label for the file input that follows (keyboard focus lands on the input and
              outlines this label): a Button rendered as a label got role="button", which axe
              refuses on a label (aria-allowed-role). */}
          <Box
            component="label"
            htmlFor="profile-photo"
            sx={{
              display: "inline-flex",
              alignItems: "center",
              gap: 1,
              px: 2,
              py: "5px",
              border: 1,
              borderColor: "primary.main",
              borderRadius: 1,
              color: "primary.main",
              fontWeight: 600,
              fontSize: "0.875rem",
              lineHeight: 1.75,
              cursor: "pointer",
              "&:hover": { bgcolor: "rgba(26, 86, 176, 0.06)" },
              "&:has(+ input:focus-visible)": { outline: "3px solid", outlineColor: "primary.dark", outlineOffset: 2 },
            }}
          >
            <PhotoCameraOutlined aria-hidden fontSize="small" />
            {user.photoUrl || preview ? "Change photo" : "Add a photo"}
          </Box>
          <input
            id="profile-photo"
            name="photo"
            type="file"
            accept={PHOTO_TYPES.join(",")}
            onChange={choosePhoto}
            aria-describedby="profile-photo-help"
            style={{ position: "absolute", width: 1, height: 1, opacity: 0, overflow: "hidden" }}
          />
          <Typography
            id="profile-photo-help"
            variant="body2"
            color={form.errorFor("photo") ? "error" : "text.secondary"}
            sx={{ mt: 0.5 }}
            role={form.errorFor("photo") ? "alert" : undefined}
          >
            {form.errorFor("photo") ??
              (photo ? `Selected: ${photo.name} — save to upload` : "JPEG, PNG or WebP, up to 5 MB")}
          </Typography>
        </Box>
      </Box>
      <TextField {...field("name")} label="Name" autoComplete="name" required />
      <TextField
        {...field("jobTitle")}
        label="Job title (optional)"
        autoComplete="organization-title"
        slotProps={{ htmlInput: { maxLength: LIMITS.jobTitleMax + 20 } }}
      />
      <TextField {...field("phone")} label="Phone (optional)" type="tel" autoComplete="tel" />
      <Typography variant="body2" sx={{ mb: 2 }}>
        Email: <strong>{user.email}</strong> (used to sign in; it cannot be changed here)
      </Typography>
      <Box>
        <Button type="submit" variant="contained" loading={sending}>
          Save profile
        </Button>
      </Box>
    </Box>
  );
}
