{{/* Names and labels. */}}
{{- define "mcp-bridge.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mcp-bridge.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component: gateway or worker. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "mcp-bridge.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Authentication is on unless the values say auth.mode: open. On, a tenants file must come from
`tenants` or from existingSecret (key tenants.yaml): the chart refuses to render otherwise.
*/}}
{{- define "mcp-bridge.tenantsFile" -}}
{{- if eq .Values.auth.mode "tenants" -}}
{{- if not (or .Values.tenants .Values.existingSecret) -}}
{{- fail "auth.mode is \"tenants\" (the default) but no tenants file is given: set `tenants` (the file's content) or `existingSecret` (a Secret with the key tenants.yaml), or set auth.mode: open to run without authentication" -}}
{{- end -}}
/etc/mcp-bridge/secret/tenants.yaml
{{- end -}}
{{- end -}}

{{- define "mcp-bridge.secretName" -}}
{{- default (printf "%s-secret" (include "mcp-bridge.fullname" .)) .Values.existingSecret -}}
{{- end -}}

{{- define "mcp-bridge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mcp-bridge.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "mcp-bridge.image" -}}
{{- printf "%s:%s" .repository (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/*
The largest worker fleet that partitions can feed: with the co-partitioned (range) assignment every
poll thread is one group member and gets at most one partition of each topic, so at most
partitions / pollThreads workers get work. Autoscaling above it only adds idle pods.
*/}}
{{- define "mcp-bridge.maxWorkers" -}}
{{- div (int .Values.kafka.partitions) (int .Values.worker.pollThreads) -}}
{{- end -}}

{{- define "mcp-bridge.checkWorkerCap" -}}
{{- $cap := int (include "mcp-bridge.maxWorkers" .) -}}
{{- if lt $cap 1 -}}
{{- fail (printf "worker.pollThreads (%d) is larger than kafka.partitions (%d): no worker would get a partition of every topic" (int .Values.worker.pollThreads) (int .Values.kafka.partitions)) -}}
{{- end -}}
{{- $asked := ternary (int .Values.keda.maxReplicaCount) (int .Values.worker.autoscaling.maxReplicas) .Values.keda.enabled -}}
{{- $key := ternary "keda.maxReplicaCount" "worker.autoscaling.maxReplicas" .Values.keda.enabled -}}
{{- if and (or .Values.keda.enabled .Values.worker.autoscaling.enabled) (gt $asked $cap) -}}
{{- fail (printf "%s is %d but kafka.partitions / worker.pollThreads = %d / %d = %d: workers above %d would get no partition. Raise kafka.partitions (new topics) or lower worker.pollThreads or %s." $key $asked (int .Values.kafka.partitions) (int .Values.worker.pollThreads) $cap $cap $key) -}}
{{- end -}}
{{- if gt (int .Values.worker.replicas) $cap -}}
{{- fail (printf "worker.replicas is %d but kafka.partitions / worker.pollThreads allows %d workers" (int .Values.worker.replicas) $cap) -}}
{{- end -}}
{{- end -}}

{{/* Environment shared by gateway and worker: Kafka, Redis, topic layout, credentials. */}}
{{- define "mcp-bridge.commonEnv" -}}
{{- with include "mcp-bridge.tenantsFile" . }}
# Authentication on: gateways read API keys and limits, workers each tenant's upstream-env.
- name: BRIDGE_SECURITY_TENANTS_FILE
  value: {{ . | quote }}
{{- end }}
- name: MANAGEMENT_TRACING_SAMPLING_PROBABILITY
  value: {{ .Values.tracing.samplingProbability | quote }}
{{- if .Values.tracing.otlpEndpoint }}
- name: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT
  value: {{ .Values.tracing.otlpEndpoint | quote }}
{{- end }}
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: BRIDGE_KAFKA_PARTITIONS
  value: {{ .Values.kafka.partitions | quote }}
- name: BRIDGE_KAFKA_REPLICATIONFACTOR
  value: {{ .Values.kafka.replicationFactor | quote }}
{{- if or .Values.kafka.tls.enabled .Values.kafka.sasl.enabled }}
- name: SPRING_KAFKA_SECURITY_PROTOCOL
  value: {{ ternary (ternary "SASL_SSL" "SASL_PLAINTEXT" .Values.kafka.tls.enabled) "SSL" .Values.kafka.sasl.enabled }}
{{- end }}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION
  value: /etc/mcp-bridge/kafka-ca/ca.crt
{{- end }}
{{- if .Values.kafka.sasl.enabled }}
- name: KAFKA_SASL_USERNAME
  value: {{ required "kafka.sasl.username is required with kafka.sasl.enabled" .Values.kafka.sasl.username | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "mcp-bridge.secretName" . }}
      key: kafka-sasl-password
- name: SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
  value: {{ .Values.kafka.sasl.mechanism | quote }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";" (ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq .Values.kafka.sasl.mechanism "PLAIN")) | quote }}
{{- end }}
- name: SPRING_DATA_REDIS_HOST
  value: {{ .Values.redis.host | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: {{ .Values.redis.port | quote }}
- name: SPRING_DATA_REDIS_SSL_ENABLED
  value: {{ .Values.redis.tls | quote }}
{{- if or .Values.redis.password .Values.existingSecret }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "mcp-bridge.secretName" . }}
      key: redis-password
      optional: true
{{- end }}
{{- end -}}

{{/* Probes on the management port: startup and liveness on liveness, readiness on readiness. */}}
{{- define "mcp-bridge.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: management}
  periodSeconds: 5
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}

{{/* Volumes both apps mount: a writable /tmp (the root file system is read-only), the Secret, the config file. */}}
{{- define "mcp-bridge.volumes" -}}
- name: tmp
  emptyDir: {}
- name: secret
  secret:
    secretName: {{ include "mcp-bridge.secretName" . }}
    optional: true
- name: config
  configMap:
    name: {{ include "mcp-bridge.fullname" . }}-config
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret }}
{{- end }}
{{- end -}}

{{- define "mcp-bridge.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: secret
  mountPath: /etc/mcp-bridge/secret
  readOnly: true
- name: config
  mountPath: /etc/mcp-bridge/config
  readOnly: true
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/mcp-bridge/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* Arguments: the seed's config file when given. */}}
{{- define "mcp-bridge.configArgs" -}}
{{- if .Values.configFile }}
- --config=/etc/mcp-bridge/config/bridge.yaml
{{- end }}
{{- end -}}
