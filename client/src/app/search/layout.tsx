// MUI and its theme for these pages (see MuiLayout).
export { MuiLayout as default } from "@/components/app/MuiLayout";
