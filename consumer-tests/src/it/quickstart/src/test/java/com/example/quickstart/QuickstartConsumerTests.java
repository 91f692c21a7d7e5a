package com.example.quickstart;

import com.example.checks.ConsumerChecks;

class QuickstartConsumerTests extends ConsumerChecks {

}
