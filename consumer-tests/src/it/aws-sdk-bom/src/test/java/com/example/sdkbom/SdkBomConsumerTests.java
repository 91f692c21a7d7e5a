package com.example.sdkbom;

import com.example.checks.ConsumerChecks;

class SdkBomConsumerTests extends ConsumerChecks {

}
