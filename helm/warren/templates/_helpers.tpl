{{/* Chart name, overridable. */}}
{{- define "warren.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-<chart>" unless the release name already contains the chart name. */}}
{{- define "warren.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "warren.publisherName" -}}
{{- printf "%s-publisher" (include "warren.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "warren.socketName" -}}
{{- printf "%s-socket" (include "warren.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The Secret holding rabbitmq-password and database-password. */}}
{{- define "warren.secretName" -}}
{{- default (include "warren.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* The Secret holding jwt-secret: the existing one, the chart's, or the one generated on install. */}}
{{- define "warren.jwtSecretName" -}}
{{- if or .Values.secrets.existingSecret .Values.secrets.jwtSecret }}
{{- include "warren.secretName" . }}
{{- else }}
{{- printf "%s-jwt" (include "warren.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The Secret holding admin-token: the existing one, the chart's, or the one generated on install. */}}
{{- define "warren.adminSecretName" -}}
{{- if or .Values.secrets.existingSecret .Values.secrets.adminToken }}
{{- include "warren.secretName" . }}
{{- else }}
{{- printf "%s-admin" (include "warren.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "warren.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "warren.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: warren
{{- end }}

{{/* Selector labels of one component: include with (list $ "publisher-service"). */}}
{{- define "warren.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "warren.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* registry + repository + tag (appVersion when empty). */}}
{{- define "warren.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- printf "%s%s:%s" $root.Values.image.registry $image.repository (default $root.Chart.AppVersion $image.tag) }}
{{- end }}

{{/* Environment both services share: RabbitMQ, the token key, logging. */}}
{{- define "warren.commonSecretEnv" -}}
- name: SPRING_RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "warren.secretName" . }}
      key: rabbitmq-password
- name: WARREN_JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "warren.jwtSecretName" . }}
      key: jwt-secret
{{- end }}

{{- define "warren.commonConfig" -}}
SPRING_RABBITMQ_HOST: {{ .Values.rabbitmq.host | quote }}
SPRING_RABBITMQ_PORT: {{ .Values.rabbitmq.port | quote }}
SPRING_RABBITMQ_USERNAME: {{ .Values.rabbitmq.username | quote }}
SPRING_RABBITMQ_VIRTUAL_HOST: {{ .Values.rabbitmq.virtualHost | quote }}
SPRING_RABBITMQ_SSL_ENABLED: {{ .Values.rabbitmq.ssl | quote }}
SERVER_SHUTDOWN: graceful
SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE: 30s
{{- if .Values.logging.structuredFormat }}
LOGGING_STRUCTURED_FORMAT_CONSOLE: {{ .Values.logging.structuredFormat | quote }}
{{- end }}
{{- end }}
