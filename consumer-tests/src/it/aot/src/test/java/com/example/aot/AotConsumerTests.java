package com.example.aot;

import com.example.checks.ConsumerChecks;

class AotConsumerTests extends ConsumerChecks {

}
