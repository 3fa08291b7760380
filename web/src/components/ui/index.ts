/** The small accessible component set every page builds on. */
export { Button, type ButtonProps } from "./Button";
export { Card } from "./Card";
export { cx } from "./cx";
export { Dialog, DialogClose } from "./Dialog";
export { EmptyState } from "./EmptyState";
export { ErrorMessage, useProblemMessage } from "./ErrorMessage";
export { PageHeader } from "./PageHeader";
export { ProgressBar } from "./ProgressBar";
export { QueryView, type QueryStatus } from "./QueryView";
export { Select, type SelectOption } from "./Select";
export { Spinner } from "./Spinner";
export { TextField, type TextFieldProps } from "./TextField";
export { TextLink } from "./TextLink";
export { ToastProvider, useToast, type ToastTone } from "./Toast";
